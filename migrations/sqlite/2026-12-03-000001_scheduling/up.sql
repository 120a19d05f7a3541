-- Scheduling: each workshop's calendar (opening hours, slot length, bays, closed dates, time zone)
-- and the appointments customers and staff book in it.

CREATE TABLE calendar_settings (
    workshop_id BIGINT PRIMARY KEY NOT NULL REFERENCES workshops (id),
    -- The workshop's IANA zone: slots are computed in its local time, times are stored in UTC.
    time_zone TEXT NOT NULL,
    slot_minutes INTEGER NOT NULL,
    -- Appointments in parallel.
    bays INTEGER NOT NULL,
    -- Hours before an appointment its reminder e-mail goes out.
    reminder_hours INTEGER NOT NULL,
    -- JSON list of {weekday (1 = Monday … 7), opens, closes (local HH:MM)}.
    opening_hours TEXT NOT NULL,
    -- Also the per-workshop lock of the booking transactions.
    updated_at TIMESTAMP NOT NULL
);

-- Every workshop starts with the defaults (new ones get them when they sign up): Monday to Friday
-- 08:00–12:00 and 13:00–18:00, Saturday 08:00–12:00, 60-minute slots, 2 bays, reminder 24 h before.
INSERT INTO calendar_settings (workshop_id, time_zone, slot_minutes, bays, reminder_hours, opening_hours, updated_at)
SELECT id, 'America/Sao_Paulo', 60, 2, 24,
    '[{"weekday":1,"opens":"08:00","closes":"12:00"},{"weekday":1,"opens":"13:00","closes":"18:00"},{"weekday":2,"opens":"08:00","closes":"12:00"},{"weekday":2,"opens":"13:00","closes":"18:00"},{"weekday":3,"opens":"08:00","closes":"12:00"},{"weekday":3,"opens":"13:00","closes":"18:00"},{"weekday":4,"opens":"08:00","closes":"12:00"},{"weekday":4,"opens":"13:00","closes":"18:00"},{"weekday":5,"opens":"08:00","closes":"12:00"},{"weekday":5,"opens":"13:00","closes":"18:00"},{"weekday":6,"opens":"08:00","closes":"12:00"}]',
    CURRENT_TIMESTAMP
FROM workshops;

-- Dates the workshop does not open (holidays).
CREATE TABLE closed_dates (
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    date DATE NOT NULL,
    PRIMARY KEY (workshop_id, date)
);

CREATE TABLE appointments (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    workshop_id BIGINT NOT NULL REFERENCES workshops (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    vehicle_id BIGINT NOT NULL REFERENCES vehicles (id),
    -- UTC.
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    -- BOOKED, CANCELLED, ATTENDED or NO_SHOW.
    status TEXT NOT NULL,
    notes TEXT,
    -- The user who booked it (the customer or a staff member).
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    -- Who marked attendance (ATTENDED or NO_SHOW) and when (responsavel_atualizacao, data_atualizacao).
    attendance_marked_by BIGINT REFERENCES users (id),
    attendance_marked_at TIMESTAMP,
    -- The queued reminder e-mail, withdrawn when the appointment is cancelled or rescheduled.
    reminder_notification_id BIGINT REFERENCES notifications (id)
);
CREATE INDEX appointments_workshop_start ON appointments (workshop_id, starts_at);
CREATE INDEX appointments_customer_start ON appointments (workshop_id, customer_id, starts_at);

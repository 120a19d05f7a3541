DROP TABLE appointments;
DROP TABLE closed_dates;
DROP TABLE calendar_settings;

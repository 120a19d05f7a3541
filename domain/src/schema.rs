// @generated automatically by Diesel CLI.

diesel::table! {
    api_tokens (id) {
        id -> Int8,
        workshop_id -> Int8,
        membership_id -> Int8,
        name -> Text,
        scope -> Text,
        token_hash -> Text,
        created_by -> Int8,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    appointments (id) {
        id -> Int8,
        workshop_id -> Int8,
        customer_id -> Int8,
        vehicle_id -> Int8,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        status -> Text,
        notes -> Nullable<Text>,
        created_by -> Int8,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        attendance_marked_by -> Nullable<Int8>,
        attendance_marked_at -> Nullable<Timestamp>,
        reminder_notification_id -> Nullable<Int8>,
    }
}

diesel::table! {
    calendar_settings (workshop_id) {
        workshop_id -> Int8,
        time_zone -> Text,
        slot_minutes -> Int4,
        bays -> Int4,
        reminder_hours -> Int4,
        opening_hours -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    closed_dates (workshop_id, date) {
        workshop_id -> Int8,
        date -> Date,
    }
}

diesel::table! {
    customer_addresses (id) {
        id -> Int8,
        workshop_id -> Int8,
        customer_id -> Int8,
        position -> Int4,
        kind -> Text,
        street -> Text,
        number -> Text,
        district -> Text,
        complement -> Nullable<Text>,
        city -> Text,
        state -> Text,
        cep -> Text,
    }
}

diesel::table! {
    customer_emails (id) {
        id -> Int8,
        workshop_id -> Int8,
        customer_id -> Int8,
        position -> Int4,
        email -> Text,
    }
}

diesel::table! {
    customer_phones (id) {
        id -> Int8,
        workshop_id -> Int8,
        customer_id -> Int8,
        position -> Int4,
        ddd -> Text,
        number -> Text,
        kind -> Text,
    }
}

diesel::table! {
    customers (id) {
        id -> Int8,
        workshop_id -> Int8,
        kind -> Text,
        name -> Text,
        document -> Text,
        rg -> Nullable<Text>,
        birth_date -> Nullable<Date>,
        marketing_consent -> Bool,
        marketing_consent_at -> Nullable<Timestamp>,
        search_text -> Text,
        sort_name -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        whatsapp_consent -> Bool,
        sms_consent -> Bool,
        partner_sharing_consent -> Bool,
        erased_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    customer_consent_changes (id) {
        id -> Int8,
        workshop_id -> Int8,
        customer_id -> Int8,
        channel -> Text,
        granted -> Bool,
        source -> Text,
        actor_user_id -> Nullable<Int8>,
        at -> Timestamp,
    }
}

diesel::table! {
    events (id) {
        id -> Int8,
        workshop_id -> Int8,
        actor_user_id -> Nullable<Int8>,
        aggregate_type -> Text,
        aggregate_id -> Int8,
        kind -> Text,
        payload -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    installments (id) {
        id -> Int8,
        workshop_id -> Int8,
        service_order_id -> Int8,
        number -> Int4,
        due_date -> Date,
        amount_cents -> Int8,
        method -> Text,
        paid_at -> Nullable<Timestamp>,
        paid_by_user_id -> Nullable<Int8>,
    }
}

diesel::table! {
    memberships (id) {
        id -> Int8,
        workshop_id -> Int8,
        user_id -> Int8,
        role -> Text,
        customer_id -> Nullable<Int8>,
        partner_id -> Nullable<Int8>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notifications (id) {
        id -> Int8,
        workshop_id -> Int8,
        kind -> Text,
        recipient -> Text,
        locale -> Text,
        payload -> Text,
        secret -> Nullable<Text>,
        created_at -> Timestamp,
        next_attempt_at -> Timestamp,
        attempts -> Int4,
        last_error -> Nullable<Text>,
        processed_at -> Nullable<Timestamp>,
        sending_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    nps_responses (id) {
        id -> Int8,
        workshop_id -> Int8,
        service_order_id -> Int8,
        customer_id -> Int8,
        mechanic_id -> Nullable<Int8>,
        score -> Int4,
        comment -> Nullable<Text>,
        answered_at -> Timestamp,
    }
}

diesel::table! {
    nps_settings (workshop_id) {
        workshop_id -> Int8,
        review_url -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    nps_surveys (id) {
        id -> Int8,
        workshop_id -> Int8,
        service_order_id -> Int8,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    one_time_tokens (id) {
        id -> Int8,
        workshop_id -> Int8,
        purpose -> Text,
        token_hash -> Text,
        email -> Text,
        customer_id -> Nullable<Int8>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    products (id) {
        id -> Int8,
        workshop_id -> Int8,
        reference -> Text,
        name -> Text,
        unit -> Text,
        price_cents -> Int8,
        stock_milli -> Int8,
        minimum_stock_milli -> Int8,
        warranty_days -> Nullable<Int4>,
        warranty_km -> Nullable<Int4>,
        active -> Bool,
        search_text -> Text,
        sort_name -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    service_order_items (id) {
        id -> Int8,
        workshop_id -> Int8,
        service_order_id -> Int8,
        product_id -> Nullable<Int8>,
        service_id -> Nullable<Int8>,
        description -> Text,
        quantity_milli -> Int8,
        unit_price_cents -> Int8,
        total_cents -> Int8,
        warranty_days -> Nullable<Int4>,
        warranty_km -> Nullable<Int4>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    service_orders (id) {
        id -> Int8,
        workshop_id -> Int8,
        number -> Int8,
        customer_id -> Int8,
        vehicle_id -> Int8,
        mechanic_id -> Nullable<Int8>,
        status -> Text,
        odometer_km -> Nullable<Int8>,
        notes -> Nullable<Text>,
        services_cents -> Int8,
        parts_cents -> Int8,
        discount_cents -> Int8,
        taxes_cents -> Int8,
        final_cents -> Int8,
        payment_method -> Nullable<Text>,
        next_revision_date -> Nullable<Date>,
        next_revision_km -> Nullable<Int8>,
        cancel_reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        started_at -> Nullable<Timestamp>,
        finished_at -> Nullable<Timestamp>,
        cancelled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    services (id) {
        id -> Int8,
        workshop_id -> Int8,
        reference -> Text,
        name -> Text,
        price_cents -> Int8,
        estimated_minutes -> Nullable<Int4>,
        warranty_days -> Nullable<Int4>,
        warranty_km -> Nullable<Int4>,
        active -> Bool,
        search_text -> Text,
        sort_name -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        revision_days -> Nullable<Int4>,
        revision_km -> Nullable<Int4>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Int8,
        workshop_id -> Int8,
        membership_id -> Int8,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    states (code) {
        code -> Text,
        name -> Text,
    }
}

diesel::table! {
    status_links (id) {
        id -> Int8,
        workshop_id -> Int8,
        service_order_id -> Int8,
        token_hash -> Text,
        created_by -> Int8,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    stock_movements (id) {
        id -> Int8,
        workshop_id -> Int8,
        product_id -> Int8,
        service_order_id -> Nullable<Int8>,
        quantity_milli -> Int8,
        actor_user_id -> Nullable<Int8>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    units (code) {
        code -> Text,
        name -> Text,
        decimals -> Bool,
    }
}

diesel::table! {
    users (id) {
        id -> Int8,
        name -> Text,
        email -> Text,
        password_hash -> Nullable<Text>,
        locale -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    vehicle_models (id) {
        id -> Int8,
        workshop_id -> Nullable<Int8>,
        kind -> Text,
        brand -> Text,
        model -> Text,
    }
}

diesel::table! {
    vehicles (id) {
        id -> Int8,
        workshop_id -> Int8,
        customer_id -> Int8,
        plate -> Text,
        kind -> Text,
        brand -> Text,
        model -> Text,
        year -> Int4,
        fuel -> Nullable<Text>,
        doors -> Nullable<Int4>,
        color -> Nullable<Text>,
        odometer_km -> Nullable<Int8>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        next_revision_date -> Nullable<Date>,
        next_revision_km -> Nullable<Int8>,
    }
}

diesel::table! {
    workshops (id) {
        id -> Int8,
        name -> Text,
        cnpj -> Text,
        created_at -> Timestamp,
        next_service_order_number -> Int8,
        allow_negative_stock -> Bool,
        mfa_required -> Bool,
    }
}

diesel::table! {
    conversations (id) {
        id -> Int8,
        workshop_id -> Int8,
        customer_id -> Int8,
        status -> Text,
        assignee_id -> Nullable<Int8>,
        last_activity_at -> Timestamp,
        last_message_id -> Nullable<Int8>,
        unread_by_staff -> Int4,
        unread_by_customer -> Int4,
        customer_notified_at -> Nullable<Timestamp>,
        customer_notification_id -> Nullable<Int8>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    chat_messages (id) {
        id -> Int8,
        workshop_id -> Int8,
        conversation_id -> Int8,
        author_user_id -> Int8,
        author_side -> Text,
        author_name -> Text,
        author_role -> Text,
        body -> Text,
        sent_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    user_totp (user_id) {
        user_id -> Int8,
        secret -> Text,
        created_at -> Timestamp,
        confirmed_at -> Nullable<Timestamp>,
        last_used_step -> Nullable<Int8>,
    }
}

diesel::table! {
    mfa_recovery_codes (id) {
        id -> Int8,
        user_id -> Int8,
        code_hash -> Text,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    mfa_challenges (id) {
        id -> Int8,
        membership_id -> Int8,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sign_in_history (id) {
        id -> Int8,
        user_id -> Int8,
        at -> Timestamp,
        ip -> Text,
        user_agent -> Text,
        method -> Text,
        succeeded -> Bool,
    }
}

diesel::table! {
    data_exports (id) {
        id -> Int8,
        workshop_id -> Int8,
        customer_id -> Int8,
        token_hash -> Text,
        requested_by -> Int8,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    oauth_flows (id) {
        id -> Int8,
        provider -> Text,
        state_hash -> Text,
        browser_hash -> Text,
        nonce -> Text,
        pkce_verifier -> Text,
        intent -> Text,
        session_id -> Nullable<Int8>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    customer_access_log (id) {
        id -> Int8,
        workshop_id -> Int8,
        customer_id -> Int8,
        actor_user_id -> Int8,
        action -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    user_identities (id) {
        id -> Int8,
        user_id -> Int8,
        provider -> Text,
        subject -> Text,
        email -> Text,
        linked_at -> Timestamp,
    }
}

diesel::table! {
    partners (id) {
        id -> Int8,
        workshop_id -> Int8,
        name -> Text,
        email -> Text,
        commission_basis_points -> Int4,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    partner_offers (id) {
        id -> Int8,
        workshop_id -> Int8,
        partner_id -> Int8,
        description -> Text,
        discount_percent -> Nullable<Int4>,
        discount_cents -> Nullable<Int8>,
        valid_from -> Nullable<Date>,
        valid_until -> Nullable<Date>,
        eligible_vehicle_kind -> Nullable<Text>,
        eligible_spent_over_cents -> Nullable<Int8>,
        eligible_visited_within_days -> Nullable<Int4>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    customer_offers (id) {
        id -> Int8,
        workshop_id -> Int8,
        offer_id -> Int8,
        customer_id -> Int8,
        promo_code -> Text,
        granted_at -> Timestamp,
        redeemed_at -> Nullable<Timestamp>,
        sale_cents -> Nullable<Int8>,
        redeemed_by -> Nullable<Int8>,
    }
}

diesel::table! {
    commissions (id) {
        id -> Int8,
        workshop_id -> Int8,
        partner_id -> Int8,
        direction -> Text,
        amount_cents -> Int8,
        description -> Nullable<Text>,
        customer_offer_id -> Nullable<Int8>,
        created_at -> Timestamp,
        settled_at -> Nullable<Timestamp>,
        settled_by -> Nullable<Int8>,
    }
}

diesel::table! {
    offer_grant_jobs (id) {
        id -> Int8,
        workshop_id -> Int8,
        offer_id -> Int8,
        status -> Text,
        total -> Int4,
        done -> Int4,
        created_by -> Nullable<Int8>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(partners -> workshops (workshop_id));
diesel::joinable!(partner_offers -> partners (partner_id));
diesel::joinable!(customer_offers -> partner_offers (offer_id));
diesel::joinable!(customer_offers -> customers (customer_id));
diesel::joinable!(commissions -> partners (partner_id));
diesel::joinable!(commissions -> customer_offers (customer_offer_id));
diesel::joinable!(offer_grant_jobs -> partner_offers (offer_id));
diesel::joinable!(memberships -> partners (partner_id));

diesel::table! {
    loyalty_notices (id) {
        id -> Int8,
        workshop_id -> Int8,
        program_id -> Int8,
        customer_id -> Int8,
        reward_number -> Int8,
        created_at -> Timestamp,
    }
}

diesel::table! {
    loyalty_pauses (id) {
        id -> Int8,
        workshop_id -> Int8,
        program_id -> Int8,
        paused_at -> Timestamp,
        resumed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    loyalty_programs (id) {
        id -> Int8,
        workshop_id -> Int8,
        name -> Text,
        description -> Text,
        kind -> Text,
        points_per_real -> Int8,
        reward_points -> Int8,
        visits_for_reward -> Int8,
        reward_description -> Text,
        reward_cents -> Nullable<Int8>,
        status -> Text,
        started_at -> Timestamp,
        ended_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    loyalty_rewards (id) {
        id -> Int8,
        workshop_id -> Int8,
        program_id -> Int8,
        customer_id -> Int8,
        service_order_id -> Int8,
        ordinal -> Int8,
        points_spent -> Int8,
        discount_cents -> Int8,
        applied_by -> Int8,
        applied_at -> Timestamp,
    }
}

diesel::joinable!(loyalty_notices -> customers (customer_id));
diesel::joinable!(loyalty_notices -> loyalty_programs (program_id));
diesel::joinable!(loyalty_notices -> workshops (workshop_id));
diesel::joinable!(loyalty_pauses -> loyalty_programs (program_id));
diesel::joinable!(loyalty_pauses -> workshops (workshop_id));
diesel::joinable!(loyalty_programs -> workshops (workshop_id));
diesel::joinable!(loyalty_rewards -> customers (customer_id));
diesel::joinable!(loyalty_rewards -> loyalty_programs (program_id));
diesel::joinable!(loyalty_rewards -> service_orders (service_order_id));
diesel::joinable!(loyalty_rewards -> users (applied_by));
diesel::joinable!(loyalty_rewards -> workshops (workshop_id));
diesel::joinable!(appointments -> customers (customer_id));
diesel::joinable!(customer_consent_changes -> customers (customer_id));
diesel::joinable!(appointments -> notifications (reminder_notification_id));
diesel::joinable!(appointments -> vehicles (vehicle_id));
diesel::joinable!(appointments -> workshops (workshop_id));
diesel::joinable!(calendar_settings -> workshops (workshop_id));
diesel::joinable!(closed_dates -> workshops (workshop_id));
diesel::joinable!(customer_addresses -> customers (customer_id));
diesel::joinable!(customer_addresses -> states (state));
diesel::joinable!(customer_addresses -> workshops (workshop_id));
diesel::joinable!(customer_emails -> customers (customer_id));
diesel::joinable!(customer_emails -> workshops (workshop_id));
diesel::joinable!(customer_phones -> customers (customer_id));
diesel::joinable!(customer_phones -> workshops (workshop_id));
diesel::joinable!(customers -> workshops (workshop_id));
diesel::joinable!(events -> users (actor_user_id));
diesel::joinable!(events -> workshops (workshop_id));
diesel::joinable!(installments -> service_orders (service_order_id));
diesel::joinable!(installments -> users (paid_by_user_id));
diesel::joinable!(installments -> workshops (workshop_id));
diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(memberships -> workshops (workshop_id));
diesel::joinable!(notifications -> workshops (workshop_id));
diesel::joinable!(nps_responses -> customers (customer_id));
diesel::joinable!(nps_responses -> memberships (mechanic_id));
diesel::joinable!(nps_responses -> service_orders (service_order_id));
diesel::joinable!(nps_responses -> workshops (workshop_id));
diesel::joinable!(nps_settings -> workshops (workshop_id));
diesel::joinable!(nps_surveys -> service_orders (service_order_id));
diesel::joinable!(nps_surveys -> workshops (workshop_id));
diesel::joinable!(one_time_tokens -> customers (customer_id));
diesel::joinable!(one_time_tokens -> workshops (workshop_id));
diesel::joinable!(products -> units (unit));
diesel::joinable!(products -> workshops (workshop_id));
diesel::joinable!(service_order_items -> products (product_id));
diesel::joinable!(service_order_items -> service_orders (service_order_id));
diesel::joinable!(service_order_items -> services (service_id));
diesel::joinable!(service_order_items -> workshops (workshop_id));
diesel::joinable!(service_orders -> customers (customer_id));
diesel::joinable!(service_orders -> memberships (mechanic_id));
diesel::joinable!(service_orders -> vehicles (vehicle_id));
diesel::joinable!(service_orders -> workshops (workshop_id));
diesel::joinable!(services -> workshops (workshop_id));
diesel::joinable!(api_tokens -> memberships (membership_id));
diesel::joinable!(api_tokens -> workshops (workshop_id));
diesel::joinable!(sessions -> memberships (membership_id));
diesel::joinable!(sessions -> workshops (workshop_id));
diesel::joinable!(status_links -> service_orders (service_order_id));
diesel::joinable!(status_links -> users (created_by));
diesel::joinable!(status_links -> workshops (workshop_id));
diesel::joinable!(stock_movements -> products (product_id));
diesel::joinable!(stock_movements -> service_orders (service_order_id));
diesel::joinable!(stock_movements -> users (actor_user_id));
diesel::joinable!(stock_movements -> workshops (workshop_id));
diesel::joinable!(vehicle_models -> workshops (workshop_id));
diesel::joinable!(vehicles -> customers (customer_id));
diesel::joinable!(vehicles -> workshops (workshop_id));
diesel::joinable!(chat_messages -> conversations (conversation_id));
diesel::joinable!(chat_messages -> users (author_user_id));
diesel::joinable!(chat_messages -> workshops (workshop_id));
diesel::joinable!(conversations -> customers (customer_id));
diesel::joinable!(conversations -> memberships (assignee_id));
diesel::joinable!(conversations -> notifications (customer_notification_id));
diesel::joinable!(conversations -> workshops (workshop_id));
diesel::joinable!(mfa_challenges -> memberships (membership_id));
diesel::joinable!(mfa_recovery_codes -> users (user_id));
diesel::joinable!(sign_in_history -> users (user_id));
diesel::joinable!(user_totp -> users (user_id));
diesel::joinable!(oauth_flows -> sessions (session_id));
diesel::joinable!(user_identities -> users (user_id));

diesel::joinable!(data_exports -> customers (customer_id));
diesel::joinable!(data_exports -> users (requested_by));
diesel::joinable!(data_exports -> workshops (workshop_id));
diesel::joinable!(customer_access_log -> customers (customer_id));
diesel::joinable!(customer_access_log -> users (actor_user_id));
diesel::joinable!(customer_access_log -> workshops (workshop_id));
diesel::allow_tables_to_appear_in_same_query!(
    data_exports,
    customer_access_log,
    api_tokens,
    appointments,
    calendar_settings,
    closed_dates,
    customer_addresses,
    customer_consent_changes,
    customer_emails,
    customer_phones,
    customers,
    events,
    installments,
    memberships,
    notifications,
    nps_responses,
    nps_settings,
    nps_surveys,
    one_time_tokens,
    products,
    service_order_items,
    service_orders,
    services,
    sessions,
    states,
    status_links,
    stock_movements,
    units,
    users,
    vehicle_models,
    vehicles,
    workshops,
    conversations,
    chat_messages,
    user_totp,
    mfa_recovery_codes,
    mfa_challenges,
    sign_in_history,
    oauth_flows,
    user_identities,
    partners,
    partner_offers,
    customer_offers,
    commissions,
    offer_grant_jobs,
    loyalty_programs,
    loyalty_pauses,
    loyalty_rewards,
    loyalty_notices,
);

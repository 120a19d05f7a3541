// @generated automatically by Diesel CLI.

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
    workshops (id) {
        id -> Int8,
        name -> Text,
        cnpj -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(events -> users (actor_user_id));
diesel::joinable!(events -> workshops (workshop_id));
diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(memberships -> workshops (workshop_id));
diesel::joinable!(sessions -> memberships (membership_id));
diesel::joinable!(sessions -> workshops (workshop_id));

diesel::allow_tables_to_appear_in_same_query!(events, memberships, sessions, users, workshops,);

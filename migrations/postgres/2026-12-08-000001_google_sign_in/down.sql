DROP TABLE oauth_flows;
DROP TABLE user_identities;

DROP TABLE nps_settings;
DROP TABLE nps_responses;
DROP TABLE nps_surveys;

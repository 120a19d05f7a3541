DROP TABLE loyalty_notices;
DROP TABLE loyalty_rewards;
DROP TABLE loyalty_pauses;
DROP TABLE loyalty_programs;

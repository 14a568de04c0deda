# unit tests: sign area

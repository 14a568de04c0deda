# unit tests: batch area

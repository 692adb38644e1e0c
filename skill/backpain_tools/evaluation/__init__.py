"""How the whole skill does on the suite's own data, run by scripts: the everyday corpus
(scripts/corpus), the blind exam (scripts/corpus --exam) and the warning-sign check's rates
(scripts/safety-rates). They read tests/ and lambda/, so they run in a checkout."""

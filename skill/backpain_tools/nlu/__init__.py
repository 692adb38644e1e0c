"""`backpain nlu`: the corpus and the exam as Alexa NLU Evaluation sets, the spoken fixtures as an
ASR Evaluation set, and the live results scored the way the offline scores are."""

"""Stage 2, text: tokens and words.

``tokenizer`` (jieba's tokens, found faster) → ``segment`` (the project's own
tokenizer instance, user dictionary, tokens cached by content) → ``pos``
(parts of speech from ``jieba.posseg`` over that instance) and ``words``
(stopwords, content words, words worth showing) and ``reference`` (word
frequencies of general Chinese, for keyness).
"""

"""Stage 2, text: tokens and words.

``tokenizer`` (jieba's tokens, found faster) → ``segment`` (the project's own
tokenizer instance, user dictionary, tokens cached by content) → ``words``
(stopwords, content words, words worth showing) and ``reference`` (word
frequencies of general Chinese, for keyness).
"""

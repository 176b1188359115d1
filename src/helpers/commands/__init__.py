"""Sub-commands of ``python -m helpers``, one module per pipeline stage."""

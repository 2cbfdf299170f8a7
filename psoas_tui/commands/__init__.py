"""One module per ``psoas`` command; none of them imports Textual."""

# TUI tests: alicfg in tmux against alicfg-emu

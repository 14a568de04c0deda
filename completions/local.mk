# Shell completions, generated at build time by the built alicfg from the
# same option and command tables as --help (src/options.c), so they cannot
# go stale; tests/install/completion.sh drives them. Where each shell looks
# and why: docs/packaging.md.
bashcompletiondir = $(datadir)/bash-completion/completions
bashcompletion_DATA = completions/alicfg
zshcompletiondir = $(datadir)/zsh/site-functions
zshcompletion_DATA = completions/_alicfg
fishcompletiondir = $(datadir)/fish/vendor_completions.d
fishcompletion_DATA = completions/alicfg.fish
completion_files = completions/alicfg completions/_alicfg completions/alicfg.fish
CLEANFILES += $(completion_files)

completions/alicfg: alicfg$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) completions && ./alicfg$(EXEEXT) --completion bash >$@.tmp && mv $@.tmp $@
completions/_alicfg: alicfg$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) completions && ./alicfg$(EXEEXT) --completion zsh >$@.tmp && mv $@.tmp $@
completions/alicfg.fish: alicfg$(EXEEXT)
	$(AM_V_GEN)$(MKDIR_P) completions && ./alicfg$(EXEEXT) --completion fish >$@.tmp && mv $@.tmp $@

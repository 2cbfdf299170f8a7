# psoas in the zsh prompt: source this from ~/.zshrc, after PROMPT and RPROMPT are set.
# The line on the right, read before each prompt; a % in it is shown as it is.
autoload -Uz add-zsh-hook
__psoas_precmd() { __psoas_line=$(psoas status --short --only-due 2>/dev/null) }
add-zsh-hook precmd __psoas_precmd
setopt prompt_subst
RPROMPT='${__psoas_line//\%/%%}'$RPROMPT

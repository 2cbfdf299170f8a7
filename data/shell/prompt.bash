# psoas in the bash prompt: source this from ~/.bashrc, after PS1 is set.
# The line, in brackets before the prompt; nothing when psoas prints nothing or fails.
__psoas_prompt() {
    local line
    line=$(psoas status --short --only-due 2>/dev/null) && [ -n "$line" ] && printf '[%s] ' "$line"
}
PS1='$(__psoas_prompt)'$PS1

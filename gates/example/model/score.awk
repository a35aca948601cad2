# The example credit-risk model, scored by awk (mawk, gawk, BSD awk: any with exp and fflush):
# P(default) = 1 / (1 + exp(-z)), z = intercept + the sum of each feature's weight times its value.
#
#   awk -f score.awk WEIGHTS < requests       (score.sh runs it so that mawk reads line by line)
#
# WEIGHTS is a text file of "name weight" lines ('#' starts a comment): "intercept" and one line
# per feature. Each input line is one flat JSON object with every feature as a number,
# {"income":52000,"debt_ratio":0.31,"late_payments":2} (other keys are ignored); each answer is
# one line, the probability with six decimals. A line it cannot read stops it with a message on
# stderr and exit status 2: a model that guesses would make the gate's numbers wrong.
# make-example-data.py computes the test sets' scores with the same arithmetic in the same order.

BEGIN {
    if (ARGC < 2) fail("usage: awk -f score.awk WEIGHTS < requests")
    weights = ARGV[1]
    ARGV[1] = ""                                   # the requests come from stdin
    readWeights(weights)
}

{
    problem = parse($0)
    if (problem != "") fail("input line " NR ": " problem)
    z = intercept
    for (i = 1; i <= features; i++) {
        if (!(feature[i] in value)) fail("input line " NR ": no '" feature[i] "'")
        if (value[feature[i]] !~ /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$/)
            fail("input line " NR ": '" feature[i] "' is not a number")
        z += weight[i] * value[feature[i]]
    }
    # Bounded so that exp() cannot overflow on an extreme input; the probability is 0 or 1 to
    # six decimals well before.
    if (z > 35) z = 35
    if (z < -35) z = -35
    printf "%.6f\n", 1 / (1 + exp(-z))
    fflush()                                       # the caller waits for this answer
}

function readWeights(file,    line, n, fields, status, seen) {
    while ((status = (getline line < file)) > 0) {
        n++
        sub(/#.*/, "", line)
        if (line ~ /^[ \t]*$/) continue
        if (split(line, fields) != 2 || fields[2] !~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/)
            fail(file ":" n ": expected 'name weight', like 'income -7.8e-05'")
        if (fields[1] in seen) fail(file ":" n ": '" fields[1] "' appears twice")
        seen[fields[1]] = 1
        if (fields[1] == "intercept") {
            intercept = fields[2] + 0
        } else {
            feature[++features] = fields[1]
            weight[features] = fields[2] + 0
        }
    }
    if (status < 0) fail(file ": cannot read the weights file")
    close(file)
    if (!("intercept" in seen)) fail(file ": no 'intercept' line")
    if (features == 0) fail(file ": no feature weights")
}

# Reads one flat JSON object into value[key] (values as written); returns what is wrong, or "".
# Keys with escapes and nested values are refused: the model's inputs are plain numbers.
function parse(line,    rest, name) {
    for (name in value) delete value[name]
    if (!match(line, /^[ \t]*\{[ \t]*/)) return "not a JSON object"
    rest = substr(line, RLENGTH + 1)
    if (rest ~ /^\}[ \t\r]*$/) return ""
    while (1) {
        if (!match(rest, /^"[^"\\\t]*"[ \t]*:[ \t]*/)) return "not a JSON object of named values"
        name = substr(rest, 2, RLENGTH - 1)
        sub(/"[ \t]*:[ \t]*$/, "", name)
        rest = substr(rest, RLENGTH + 1)
        # A string, a number, true, false or null; arrays and objects are not plain values.
        if (match(rest, /^"([^"\\\t]|\\["\\\/bfnrt]|\\u[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f])*"/) || match(rest, /^(true|false|null|-?[0-9][-+.0-9eE]*)/)) {
            value[name] = substr(rest, 1, RLENGTH)
            rest = substr(rest, RLENGTH + 1)
        } else {
            return "'" name "' is not a plain value"
        }
        if (match(rest, /^[ \t]*,[ \t]*/)) {
            rest = substr(rest, RLENGTH + 1)
        } else if (rest ~ /^[ \t]*\}[ \t\r]*$/) {
            return ""
        } else {
            return "not a JSON object of named values"
        }
    }
}

function fail(message) {
    print "score.awk: " message > "/dev/stderr"
    exit 2
}

// Build 1 (compile) and build 2 (nnc:check) must fail with every diagnostic of every model:
// one line `file:line:col: error: message [NNxxxx]` each, then the snippet.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 2

// Diagnostics name the file by its absolute path, as javac in Maven does.
def nn = new File(basedir, 'src/main/nn').canonicalPath
def located = { String build, String file, String rest ->
    def m = build =~ /(?m)^\[(?:ERROR|WARNING)\] (\/\S+?\/src\/main\/nn\/\Q${file}\E):(.*)$/
    assert m.find(): "no diagnostic line for ${file}"
    assert new File(m.group(1)).canonicalPath == "${nn}/${file}"
    return m.group(2) == rest
}

builds.each { build ->
    assert located(build, 'dense_mismatch.nn', '7:12: error: dense layer `fc` expects 30 inputs, but receives 32 [NN0102]')
    assert build =~ /receives 32 \[NN0102\]\n --> \/\S+dense_mismatch\.nn:7:12\n  \|\n7 \|   dense fc\(30 -> 10\)\n  \|            \^\^ declared here\n  = note: flatten after `c` and the maxpool2d \(line 5\) delivers \[2, 4, 4\] = 32 values/
    assert located(build, 'syntax.nn', '4:18: error: the argument list of `h` is never closed [NN0002]')
    assert build.contains('  = help: insert `)` before `relu`')
    assert located(build, 'lint.nn', '4:3: warning: `h1` and `h2` have no activation between them, so together they are one linear map [NN0501]')
    assert (build =~ /(?m)^\[ERROR\] \/\S+\.nn:\d+:\d+: error: .* \[NN\d{4}\]$/).count == 2 : 'each error once'
    assert build.contains('BUILD FAILURE')
    assert !(build =~ /(?m)^\s+at [a-z]/) : 'no stack trace'
}

def generate = builds[0], check = builds[1]
// generate also finds two models of one class; the summary counts that error apart from the models' own.
assert generate =~ /\[ERROR\] \/\S+\/src\/main\/nn\/xor_again.nn:2:7: error: model `Xor` defines class com.example.models.Xor, as src\/main\/nn\/good.nn:\d+:\d+ does/
assert generate.contains('nnc: 3 errors: 2 in src/main/nn/dense_mismatch.nn, src/main/nn/syntax.nn, 1 with the classes of the models; see the messages above')
// check finds the clash too, not first the build's generate.
assert check =~ /\[ERROR\] \/\S+\/src\/main\/nn\/xor_again.nn:2:7: error: model `Xor` defines class Xor, as src\/main\/nn\/good.nn:\d+:\d+ does/
assert check.contains('nnc: 3 errors: 2 in src/main/nn/dense_mismatch.nn, src/main/nn/syntax.nn, 1 with the classes of the models; see the messages above')
// The good models still get their classes; javac never runs.
assert generate.contains('[INFO] nnc: generated 2 classes (2 new)')
assert !generate.contains('maven-compiler-plugin')
def out = new File(basedir, 'target/generated-sources/nn/com/example/models')
assert out.list().sort() == ['Linear.java', 'Xor.java']
assert check.contains('[INFO] nnc: checked 5 models: 3 errors, 1 warning')
assert check =~ /nnc-maven-plugin:\S+:check \(default-cli\)/ : 'the goal prefix nnc resolves'

println(generate.readLines().findAll { it =~ /nnc|^ -->|\^/ }.join('\n'))
return true

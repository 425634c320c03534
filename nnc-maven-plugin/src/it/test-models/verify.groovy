// Five builds: both goals generate and the tests use the test model; -Dmaven.test.skip leaves
// the test model out; a testRelease below 17 is refused before javac; a deleted test model
// takes its class along and leaves the main model's; a test model named as a main one is warned of.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 5
def main = 'target/generated-sources/nn/com/example/app/nn'
def test = 'target/generated-test-sources/nn/com/example/app/nn'

// 1: two goals, two classes, each in its own source root
assert builds[0].contains("[INFO] nnc: src/main/nn/xor.nn -> ${main}/Xor.java")
assert builds[0].contains("[INFO] nnc: src/test/nn/probe.nn -> ${test}/Probe.java")
assert builds[0] =~ /nnc-maven-plugin:[^:]+:generate-test \(default\)/
assert builds[0] =~ /probe: loss [0-9.]+ -> [0-9.]+/
assert builds[0].contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert builds[0].contains('BUILD SUCCESS')

// 2: skipped with the tests
assert builds[1].contains('[INFO] nnc: skipped (maven.test.skip)')
assert builds[1].contains('[INFO] nnc: 1 model up to date, nothing to generate')
assert builds[1].contains('BUILD SUCCESS')

// 3: the tests' Java, not the main one's
assert builds[2].contains('[INFO] nnc: 1 model up to date, nothing to generate')
assert builds[2].contains('nnc: the generated classes need Java 17 or later (records, switch expressions), but maven.compiler.testRelease is 11'
        + ' (given with -Dmaven.compiler.testRelease); give -Dmaven.compiler.testRelease=17 (or later), or leave it out')
assert builds[2].contains('BUILD FAILURE')

// 4: the test model deleted
assert builds[3].contains("[INFO] nnc: removed ${test}/Probe.java (src/test/nn/probe.nn was deleted)")
assert !builds[3].contains('Xor.java')
assert builds[3].contains('BUILD SUCCESS')
assert new File(basedir, "${main}/Xor.java").isFile()
assert !new File(basedir, "${test}/Probe.java").exists()

// 5: the shadowing class
assert builds[4].contains("[INFO] nnc: src/shadow/xor.nn -> target/generated-test-sources/shadow/com/example/app/nn/Xor.java")
assert builds[4].contains("[WARNING] nnc: src/shadow/xor.nn generates target/generated-test-sources/shadow/com/example/app/nn/Xor.java,"
        + " a class of the same name as the main ${main}/Xor.java: the tests would see the test model's class in its place")
assert builds[4].contains('BUILD SUCCESS')

assert new File(basedir, 'target/test-classes/com/example/app/nn/Probe.class').isFile()
assert !new File(basedir, 'target/classes/com/example/app/nn/Probe.class').exists() : 'the test model is not in the main classes'
assert new File(basedir, 'target/classes/com/example/app/nn/Xor.class').isFile()
println((log.readLines().findAll { it.contains('nnc:') || it.startsWith('probe:') || it.contains('Tests run:') }).join('\n'))
return true

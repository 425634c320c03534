// One build per option; see invoker.properties.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 7
def warning = ~/(?m)^\[WARNING\] \/\S+\/src\/main\/nn\/lint\.nn:4:3: warning: `h1` and `h2` have no activation between them, so together they are one linear map \[NN0501\]$/
builds.each { assert !(it =~ /(?m)^\s+at [a-z]/) : 'no stack trace' }

// 1: warnings are warnings
assert builds[0] =~ warning
assert builds[0].contains('[INFO] nnc: generated 1 class (1 new)')
assert builds[0].contains('BUILD SUCCESS')

// 2: failOnWarning, with the model up to date: its warnings are still reported, and fail
assert builds[1].contains('[INFO] nnc: 1 model up to date, nothing to generate')
assert builds[1] =~ warning
assert builds[1].contains('nnc: 1 warning in src/main/nn/lint.nn and failOnWarning is set; see the messages above')
assert builds[1].contains('BUILD FAILURE')

// 3: skip
assert builds[2].contains('[INFO] nnc: skipped (nn.skip)')
assert !(builds[2] =~ warning)
assert builds[2].contains('BUILD SUCCESS')

// 4: no runtime API: say what to add, before javac fails on every generated class
assert builds[3].contains('nnc: the generated classes need the runtime API dev.nnc.api, which is not on the compile classpath. Add:')
assert builds[3].contains('<classifier>api</classifier>')
assert !builds[3].contains('maven-compiler-plugin')
assert builds[3].contains('BUILD FAILURE')

// 5: a precision that does not exist
assert builds[4].contains('nnc: precision must be `float` or `double`, not `half`')
assert builds[4].contains('BUILD FAILURE')

// 6: double precision in another package; the class of the old package is removed
assert builds[5].contains('[INFO] nnc: removed target/generated-sources/nn/nnc/models/Linear.java (src/main/nn/lint.nn no longer generates it)')
assert builds[5].contains('BUILD SUCCESS')
def generated = new File(basedir, 'target/generated-sources/nn')
assert new File(generated, 'org/acme/nets/Linear.java').text.contains('public final class Linear implements DoubleNetwork')
assert !new File(generated, 'nnc').exists()
assert new File(basedir, 'target/classes/org/acme/nets/Linear.class').isFile()

// 7: vector with double precision
assert builds[6].contains('nnc: vector needs precision `float` (the Vector API kernels are float only); drop one of vector=true and precision=double')
assert builds[6].contains('BUILD FAILURE')

builds.eachWithIndex { b, i -> println("build ${i + 1}:\n" + b.readLines().findAll { it.contains('nnc:') || it.contains('BUILD') }.join('\n')) }
return true

// One build per option; see invoker.properties.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 11
def warning = ~/(?m)^\[WARNING\] \/\S+\/src\/main\/nn\/lint\.nn:4:3: warning: `h1` and `h2` have no activation between them, so together they are one linear map \[NN0501\]$/
builds.each { assert !(it =~ /(?m)^\s+at [a-z]/) : 'no stack trace' }

// 1: a missing source directory
assert builds[0].contains('[WARNING] nnc: the source directory src/main/nnn does not exist; no models to generate (set sourceDirectory, or nn.sourceDirectory, to where the .nn files are)')
assert builds[0].contains('BUILD SUCCESS')

// 2: warnings are warnings
assert builds[1] =~ warning
assert builds[1].contains('[INFO] nnc: generated 1 class (1 new)')
assert builds[1].contains('BUILD SUCCESS')

// 3: failOnWarning, with the model up to date: its warnings are still reported, and fail; logged
// as errors, since they fail the build (`mvn -q` shows errors only)
assert builds[2].contains('[INFO] nnc: 1 model up to date, nothing to generate')
assert builds[2] =~ ~/(?m)^\[ERROR\] \/\S+\/src\/main\/nn\/lint\.nn:4:3: warning: `h1` and `h2` have no activation between them/
assert builds[2].contains('nnc: 1 warning in src/main/nn/lint.nn and failOnWarning is set; see the messages above')
assert builds[2].contains('BUILD FAILURE')

// 4: skip
assert builds[3].contains('[INFO] nnc: skipped (nn.skip)')
assert !(builds[3] =~ warning)
assert builds[3].contains('BUILD SUCCESS')

// 5: no runtime API: say what to add, before javac fails on every generated class
assert builds[4].contains('nnc: the generated classes need the runtime API dev.nnc.api, which is not on the compile classpath (a dependency of scope test or runtime is not). Add:')
assert builds[4].contains('<classifier>api</classifier>')
assert !builds[4].contains('maven-compiler-plugin')
assert builds[4].contains('BUILD FAILURE')

// 6: a precision that does not exist
assert builds[5].contains('nnc: precision must be `float` or `double`, not `half`')
assert builds[5].contains('BUILD FAILURE')

// 7: double precision in another package; the class of the old package is removed
assert builds[6].contains('[INFO] nnc: removed target/generated-sources/nn/nnc/models/Linear.java (src/main/nn/lint.nn no longer generates it)')
assert builds[6].contains('BUILD SUCCESS')
def generated = new File(basedir, 'target/generated-sources/nn')
assert new File(generated, 'org/acme/nets/Linear.java').text.contains('public final class Linear implements DoubleNetwork')
assert !new File(generated, 'nnc').exists()
assert new File(basedir, 'target/classes/org/acme/nets/Linear.class').isFile()

// 8: vector with double precision
assert builds[7].contains('nnc: vector needs precision `float` (the Vector API kernels are float only); drop one of vector=true and precision=double')
assert builds[7].contains('BUILD FAILURE')

// 9: a switch that is neither true nor false
assert builds[8].contains('nnc: skip must be `true` or `false`, not `yes`')
assert !builds[8].contains('skipped')
assert builds[8].contains('BUILD FAILURE')

// 10: an older Java
assert builds[9].contains('nnc: the generated classes need Java 17 or later (records, switch expressions), but maven.compiler.release is 11 (given with -Dmaven.compiler.release); give -Dmaven.compiler.release=17 (or later), or leave it out')
assert !builds[9].contains('maven-compiler-plugin')
assert builds[9].contains('BUILD FAILURE')

// 11: an older Java in the compiler plugin's configuration
assert builds[10].contains("nnc: the generated classes need Java 17 or later (records, switch expressions), but the maven-compiler-plugin's <release> is 11; set it to 17 (or later)")
assert builds[10].contains('BUILD FAILURE')

builds.eachWithIndex { b, i -> println("build ${i + 1}:\n" + b.readLines().findAll { it.contains('nnc:') || it.contains('BUILD') }.join('\n')) }
return true

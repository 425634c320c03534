import java.security.MessageDigest

// Six builds: everything new; no change (nothing generated, nothing compiled); xor.nn
// changed and other.nn deleted; the same edit again (same bytes, newer file); a second
// execution; that execution taken out again.
def log = new File(basedir, 'build.log').text
def builds = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 6
builds.each { assert it.contains('BUILD SUCCESS') }
def out = 'target/generated-sources/nn/com/example/models'

assert builds[0].contains('[INFO] nnc: generated 3 classes (3 new)')

assert builds[1].contains('[INFO] nnc: 3 models up to date, nothing to generate')
assert !builds[1].contains(' -> target/generated-sources')
assert builds[1].contains('Nothing to compile - all classes are up to date')

assert builds[2].contains("[INFO] nnc: src/main/nn/xor.nn -> ${out}/Xor.java")
assert builds[2].contains("[INFO] nnc: removed ${out}/Other.java (src/main/nn/other.nn was deleted)")
assert builds[2].contains('[INFO] nnc: generated 1 class (1 changed); 1 model up to date')
assert !builds[2].contains('Keep.java')

assert builds[3].contains('Copying 1 resource from src/edits to src/main/nn')
assert builds[3].contains('[INFO] nnc: 2 models up to date, nothing to generate')
assert builds[3].contains('Nothing to compile - all classes are up to date')

def generated = new File(basedir, out)
assert generated.list().sort() == ['Keep.java', 'Xor.java']
assert new File(generated, 'Xor.java').text.contains('{@code hidden} dense → [16]')
assert !new File(basedir, 'target/classes/com/example/models/Other.class').exists() : 'javac dropped the class of the deleted model'

// The state names each model with the SHA-256 of its bytes.
def state = new Properties()
new File(basedir, 'target/nnc-maven-plugin/default.properties').withReader('UTF-8') { state.load(it) }
assert state.stringPropertyNames().findAll { it.endsWith('.sha256') }.sort() == ['keep.nn.sha256', 'xor.nn.sha256']
def sha = MessageDigest.getInstance('SHA-256').digest(new File(basedir, 'src/main/nn/xor.nn').bytes).encodeHex().toString()
assert state.getProperty('xor.nn.sha256') == sha
assert state.getProperty('xor.nn.classes') == 'com/example/models/Xor.java'

// 5 and 6: the class of an execution taken out of the build goes with it.
assert builds[4].contains('[INFO] nnc: src/extra/nn/extra.nn -> target/generated-sources/nn/com/example/extra/Extra.java')
assert builds[5].contains('[INFO] nnc: removed target/generated-sources/nn/com/example/extra/Extra.java (execution `extra` is no longer in the build)')
assert !new File(basedir, 'target/generated-sources/nn/com/example/extra').exists()
assert !new File(basedir, 'target/nnc-maven-plugin/extra.properties').exists()
assert new File(generated, 'Xor.java').exists() && new File(generated, 'Keep.java').exists() : 'the live execution keeps its classes'

builds.eachWithIndex { b, i -> println("build ${i + 1}:\n" + b.readLines().findAll { it.contains('nnc:') || it.contains('Nothing to compile') || it.contains('Compiling') }.join('\n')) }
return true


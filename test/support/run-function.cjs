// Runs one built cloud function as CloudBase's Node runtime would: require the bundle, call
// main(event, context) once, print the answer as one JSON line. An unhandled rejection or an
// uncaught exception is a failure (exit 70), as it would kill a real function instance.
const [bundle] = process.argv.slice(2);
const fail = (kind) => (error) => {
  process.stderr.write(`${kind}: ${error && error.stack ? error.stack : error}\n`);
  process.exit(70);
};
process.on('unhandledRejection', fail('unhandledRejection'));
process.on('uncaughtException', fail('uncaughtException'));
// The notices on file are 2021–2024: a test names the Shanghai day the function lives on.
if (process.env.YIBAO_TEST_NOW) {
  const fixed = Date.parse(process.env.YIBAO_TEST_NOW);
  Date.now = () => fixed;
}
let input = '';
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', async () => {
  const { main } = require(bundle);
  const context = { request_id: 'test-request', function_name: 'test', namespace: process.env.SCF_NAMESPACE || '' };
  const answer = await main(JSON.parse(input), context);
  process.stdout.write(`${JSON.stringify(answer)}\n`);
  // Let anything the SDK left pending surface before exiting (the tripwire above still listens).
  setTimeout(() => process.exit(0), 50);
});

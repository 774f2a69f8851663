/** `npm run --silent refund < requests.jsonl > answers.jsonl` (shared/spec/QUOTE_API.md). */
import { runJsonLines } from './json-lines';

await runJsonLines('refund');

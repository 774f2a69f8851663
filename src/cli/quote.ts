/** `npm run --silent quote < situations.jsonl > quotes.jsonl` (shared/spec/QUOTE_API.md). */
import { answerQuote, quoteJson, quoteRequestSchema } from '../contracts/quote';
import { runJsonLines } from './json-lines';

await runJsonLines({ schema: quoteRequestSchema, answer: (req) => quoteJson(req.ref, answerQuote(req)) });

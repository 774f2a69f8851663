/** `npm run --silent refund < requests.jsonl > answers.jsonl` (shared/spec/QUOTE_API.md). */
import { answerRefund, refundJson, refundRequestSchema } from '../contracts/refund';
import { runJsonLines } from './json-lines';

await runJsonLines({ schema: refundRequestSchema, answer: (req) => refundJson(req.ref, answerRefund(req)) });

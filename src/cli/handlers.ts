/** The two JSON Lines commands of QUOTE_API.md, by name, so a worker thread can find its handler. */
import { answerQuote, quoteJson, quoteRequestSchema } from '../contracts/quote';
import { answerRefund, refundJson, refundRequestSchema } from '../contracts/refund';
import type { LineHandler } from './json-lines';

export const HANDLERS = {
  quote: { schema: quoteRequestSchema, answer: (req) => quoteJson(req.ref, answerQuote(req)) } satisfies LineHandler<typeof quoteRequestSchema._output>,
  refund: { schema: refundRequestSchema, answer: (req) => refundJson(req.ref, answerRefund(req)) } satisfies LineHandler<typeof refundRequestSchema._output>,
};

export type HandlerName = keyof typeof HANDLERS;

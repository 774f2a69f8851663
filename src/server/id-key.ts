/** An ID number as rate limits remember it: hashed, never the number itself (both backends). */
import { createHash } from 'node:crypto';

export const idKey = (idNumber: string) => createHash('sha256').update(`yibao-lookup:${idNumber}`).digest('hex').slice(0, 32);

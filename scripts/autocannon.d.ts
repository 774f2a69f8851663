// autocannon ships no types; the benchmark uses a few fields of its result.
declare module 'autocannon';

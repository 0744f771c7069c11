// "1 comment", "2 comments": a count with its noun, for every message a person reads.
export const counted = (n: number, noun: string, nouns = `${noun}s`) => `${n} ${n === 1 ? noun : nouns}`;

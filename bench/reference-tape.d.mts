/** Types of reference-tape.mjs (the benchmark's tape and the JS transcription of the C reference kernel). */
export declare const REFERENCE_MONTHS: number;
export declare const REFERENCE_CHECKSUM_4000: number;
export declare function referenceLoan(i: number): { balance: number; rate: number; remainingTerm: number };
export declare function referenceKernelSums(n: number): {
  scheduled: Float64Array;
  prepayments: Float64Array;
  interest: Float64Array;
  loss: Float64Array;
  recovery: Float64Array;
};

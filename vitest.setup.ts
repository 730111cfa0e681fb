import fc from 'fast-check';

// Property tests run on a fixed seed so CI is reproducible; set FC_SEED to explore others.
// A failure prints the seed and the shrunk counter-example.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20_261_122) });

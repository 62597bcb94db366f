//! Training: logistic regression by stochastic gradient descent, in a fixed order drawn from a
//! fixed seed, one thread, so that the same examples give the same weights file byte for byte.

use super::{BITS, ContextWeights, NameTagger};

/// One token to learn from: its features, the encoder's vector of it (when there is one) and
/// whether it is (part of) a name.
#[derive(Debug, Clone, Copy)]
pub struct Example<'a> {
    pub features: &'a [u32],
    pub vector: Option<&'a [f32]>,
    /// Whether a name rule claimed the word (the context weights for such words apply).
    pub ruled: bool,
    pub name: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainOptions {
    pub epochs: usize,
    pub learning_rate: f64,
    /// L2 penalty per update, on the weights the example touches.
    pub l2: f64,
    /// How much a name's error counts against an ordinary word's (names are few).
    pub name_weight: f64,
    /// The step for the weights over the encoder's vectors, as a multiple of the learning
    /// rate: every dimension moves on every word, each by a small amount.
    pub context_rate: f64,
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 12,
            learning_rate: 0.2,
            l2: 1e-5,
            name_weight: 1.0,
            context_rate: 1.0,
            seed: 0x5eed_1d0c,
        }
    }
}

/// xorshift64*: enough randomness for a shuffle, and the same everywhere.
struct Shuffle(u64);

impl Shuffle {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Learns the weights; `progress` is told after each epoch (1-based). The thresholds are
/// left at their defaults: cross-validation chooses them.
pub fn train(
    examples: &[Example<'_>],
    options: &TrainOptions,
    progress: &mut dyn FnMut(usize),
) -> NameTagger {
    let mut weights = vec![0.0f64; 1 << BITS];
    let mut bias = 0.0f64;
    let (mean, scale) = standardisation(examples);
    let mut context = vec![0.0f64; mean.len()];
    let mut ruled_context = vec![0.0f64; mean.len()];
    let mut ruled_bias = 0.0f64;
    let mut centred = vec![0.0f64; mean.len()];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut shuffle = Shuffle(options.seed.max(1));
    for epoch in 0..options.epochs {
        for i in (1..order.len()).rev() {
            let j = shuffle.below(i + 1);
            order.swap(i, j);
        }
        let rate = options.learning_rate / (1.0 + epoch as f64);
        for &k in &order {
            let example = examples[k];
            let with_vector = match example.vector {
                Some(v) if v.len() == mean.len() => {
                    for (((c, v), m), s) in centred.iter_mut().zip(v).zip(&mean).zip(&scale) {
                        *c = f64::from((v - m) * s);
                    }
                    true
                }
                _ => false,
            };
            let z = bias
                + example
                    .features
                    .iter()
                    .map(|&f| weights[f as usize])
                    .sum::<f64>()
                + if with_vector {
                    context
                        .iter()
                        .zip(&centred)
                        .map(|(w, c)| w * c)
                        .sum::<f64>()
                        + if example.ruled {
                            ruled_bias
                                + ruled_context
                                    .iter()
                                    .zip(&centred)
                                    .map(|(w, c)| w * c)
                                    .sum::<f64>()
                        } else {
                            0.0
                        }
                } else {
                    0.0
                };
            let p = 1.0 / (1.0 + (-z).exp());
            let gradient = if example.name {
                options.name_weight * (p - 1.0)
            } else {
                p
            };
            bias -= rate * gradient;
            for &f in example.features {
                let w = &mut weights[f as usize];
                *w -= rate * (gradient + options.l2 * *w);
            }
            if with_vector {
                let step = rate * options.context_rate;
                for (w, c) in context.iter_mut().zip(&centred) {
                    *w -= step * (gradient * c + options.l2 * *w);
                }
                if example.ruled {
                    ruled_bias -= rate * gradient;
                    for (w, c) in ruled_context.iter_mut().zip(&centred) {
                        *w -= step * (gradient * c + options.l2 * *w);
                    }
                }
            }
        }
        progress(epoch + 1);
    }
    let context = (!mean.is_empty()).then(|| ContextWeights {
        encoder: String::new(),
        mean,
        scale,
        weights: context.iter().map(|&w| w as f32).collect(),
        ruled_weights: ruled_context.iter().map(|&w| w as f32).collect(),
        ruled_bias: ruled_bias as f32,
    });
    NameTagger::from_parts(weights.iter().map(|&w| w as f32).collect(), bias as f32)
        .with_context(context)
}

/// Per dimension of the examples' vectors: the mean, and the factor that brings a centred
/// value to a standard deviation of 1/√dim. Empty when no example has a vector.
fn standardisation(examples: &[Example<'_>]) -> (Vec<f32>, Vec<f32>) {
    let Some(dim) = examples.iter().find_map(|e| e.vector.map(<[f32]>::len)) else {
        return (Vec::new(), Vec::new());
    };
    let mut sum = vec![0f64; dim];
    let mut squares = vec![0f64; dim];
    let mut n = 0f64;
    for v in examples.iter().filter_map(|e| e.vector) {
        if v.len() != dim {
            continue;
        }
        for ((s, q), x) in sum.iter_mut().zip(&mut squares).zip(v) {
            *s += f64::from(*x);
            *q += f64::from(*x) * f64::from(*x);
        }
        n += 1.0;
    }
    let root = (dim as f64).sqrt();
    let mean: Vec<f32> = sum.iter().map(|s| (s / n) as f32).collect();
    let scale = sum
        .iter()
        .zip(&squares)
        .map(|(s, q)| {
            let var = (q / n - (s / n) * (s / n)).max(1e-12);
            (1.0 / (var.sqrt() * root)) as f32
        })
        .collect();
    (mean, scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Vec<(Vec<u32>, bool)> {
        // Feature 1 marks names, 2 marks ordinary words, 3 is noise on both.
        (0..200u32)
            .map(|i| {
                let name = i % 3 == 0;
                let mut f = vec![if name { 1 } else { 2 }];
                if i % 5 == 0 {
                    f.push(3);
                }
                f.push(100 + i % 7);
                (f, name)
            })
            .collect()
    }

    fn examples(data: &[(Vec<u32>, bool)]) -> Vec<Example<'_>> {
        data.iter()
            .map(|(f, name)| Example {
                features: f,
                vector: None,
                ruled: false,
                name: *name,
            })
            .collect()
    }

    #[test]
    fn training_twice_writes_the_same_file_byte_for_byte() {
        let data = fixture();
        let examples = examples(&data);
        let options = TrainOptions::default();
        let mut epochs = Vec::new();
        let first = train(&examples, &options, &mut |e| epochs.push(e)).to_file();
        let second = train(&examples, &options, &mut |_| {}).to_file();
        assert_eq!(first, second);
        assert_eq!(epochs, (1..=options.epochs).collect::<Vec<_>>());
        let tagger = NameTagger::parse(&first).unwrap();
        assert!(tagger.probability(&[1], None, false) > 0.9);
        assert!(tagger.probability(&[2], None, false) < 0.1);
    }

    #[test]
    fn a_name_told_only_by_its_vector_is_learned_from_the_vector() {
        // Every word has the same hashed feature; the first dimension of the vector says
        // which words are names, the second is noise.
        let vectors: Vec<[f32; 2]> = (0..300)
            .map(|i| {
                let name = i % 4 == 0;
                [if name { 3.0 } else { 1.0 }, (i % 7) as f32]
            })
            .collect();
        let features = [9u32];
        let examples: Vec<Example<'_>> = vectors
            .iter()
            .enumerate()
            .map(|(i, v)| Example {
                features: &features,
                vector: Some(v),
                ruled: false,
                name: i % 4 == 0,
            })
            .collect();
        let tagger = train(&examples, &TrainOptions::default(), &mut |_| {});
        assert!(tagger.probability(&features, Some(&[3.0, 2.0]), false) > 0.8);
        assert!(tagger.probability(&features, Some(&[1.0, 2.0]), false) < 0.2);
        let back = NameTagger::parse(&tagger.to_file()).unwrap();
        assert_eq!(back.to_file(), tagger.to_file());
    }

    #[test]
    fn the_weights_file_reads_back_as_written() {
        let data = fixture();
        let examples = examples(&data);
        let tagger =
            train(&examples, &TrainOptions::default(), &mut |_| {}).with_thresholds(0.625, 0.125);
        let file = tagger.to_file();
        let back = NameTagger::parse(&file).unwrap();
        assert_eq!(back.to_file(), file);
        assert_eq!(back.add_threshold, 0.625);
        assert_eq!(back.drop_threshold, 0.125);
        assert!(NameTagger::parse("bits 12\n").is_err());
        assert!(NameTagger::parse("7 x\n").is_err());
    }
}

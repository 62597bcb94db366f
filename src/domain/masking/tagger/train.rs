//! Training: logistic regression by stochastic gradient descent, in a fixed order drawn from a
//! fixed seed, one thread, so that the same examples give the same weights file byte for byte.

use super::{BITS, NameTagger};

/// One token to learn from: its features and whether it is (part of) a name.
#[derive(Debug, Clone, Copy)]
pub struct Example<'a> {
    pub features: &'a [u32],
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
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 12,
            learning_rate: 0.2,
            l2: 1e-5,
            name_weight: 1.0,
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
            let z = bias
                + example
                    .features
                    .iter()
                    .map(|&f| weights[f as usize])
                    .sum::<f64>();
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
        }
        progress(epoch + 1);
    }
    NameTagger::from_parts(weights.iter().map(|&w| w as f32).collect(), bias as f32)
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
        assert!(tagger.probability(&[1]) > 0.9);
        assert!(tagger.probability(&[2]) < 0.1);
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

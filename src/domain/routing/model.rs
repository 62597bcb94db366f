//! A linear reading of a message's meaning: two softmax heads (hand off or answer; the desk's
//! field) over the sentence encoder's vector, trained on every labelled message we have. The
//! rules know the phrasings they were written for and the nearest examples know single
//! messages; this model weighs all of them at once, so a new writer's phrasing of a familiar
//! intent still lands (measured by leaving one writer's messages out of training).

use crate::domain::handoff::{HandoffCategory, StableCode};

use super::examples::{ExampleLabel, ExampleStore};

/// The fields the category head tells apart, in the file's order.
pub const CATEGORIES: &[HandoffCategory] = <HandoffCategory as StableCode>::ALL;

/// What the model reads in one message.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelVote {
    /// Probability that a person must take it.
    pub handoff: f32,
    /// The likeliest field and its probability.
    pub category: (HandoffCategory, f32),
}

/// One softmax layer: `classes` rows of `dim` weights and a bias each.
#[derive(Debug, Clone, PartialEq)]
struct Head {
    weights: Vec<f32>,
    bias: Vec<f32>,
}

impl Head {
    fn zeros(classes: usize, dim: usize) -> Head {
        Head {
            weights: vec![0.0; classes * dim],
            bias: vec![0.0; classes],
        }
    }

    fn classes(&self) -> usize {
        self.bias.len()
    }

    /// Class probabilities for one centred, scaled vector.
    fn probabilities(&self, x: &[f32]) -> Vec<f32> {
        let dim = x.len();
        let mut z: Vec<f32> = self
            .weights
            .chunks_exact(dim)
            .zip(&self.bias)
            .map(|(w, b)| b + w.iter().zip(x).map(|(a, b)| a * b).sum::<f32>())
            .collect();
        let top = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let mut total = 0.0;
        for v in z.iter_mut() {
            *v = (*v - top).exp();
            total += *v;
        }
        z.iter_mut().for_each(|v| *v /= total);
        z
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoutingModel {
    /// The encoder the vectors must come from (its cache key's start).
    pub encoder: String,
    dim: usize,
    /// The training vectors' mean, subtracted before the heads (e5's vectors share a large
    /// common direction that would otherwise slow training and swamp the bias).
    mean: Vec<f32>,
    handoff: Head,
    category: Head,
}

/// One message to learn from: its vector, whether a person must take it, and its field when
/// it is labelled with one (a factual question about a scheme teaches only that it is
/// answered).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Labelled<'a> {
    pub vector: &'a [f32],
    pub handoff: bool,
    pub category: Option<HandoffCategory>,
}

impl<'a> Labelled<'a> {
    pub fn example(vector: &'a [f32], label: &ExampleLabel) -> Labelled<'a> {
        Labelled {
            vector,
            handoff: label.handoff,
            category: label.category,
        }
    }

    pub fn answered(vector: &'a [f32]) -> Labelled<'a> {
        Labelled {
            vector,
            handoff: false,
            category: None,
        }
    }
}

/// How the model is trained: full-batch gradient descent with momentum on the mean log loss
/// plus an L2 penalty, from zero weights, in a fixed order, so that the same data gives the
/// same file on every machine.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainOptions {
    pub l2: f32,
    pub iterations: usize,
    pub step: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        // Chosen by leaving one writer of eval/routing.jsonl out at a time (0.003 to 0.01 within
        // 0.005 of each other on both heads).
        TrainOptions {
            l2: 0.01,
            iterations: 300,
            step: 0.5,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelFileError {
    #[error("routing model, line {line}: {message}")]
    Malformed { line: usize, message: String },
}

/// A head as read so far: name, classes, bias, weights and the line that opened it.
type HeadRead = (String, usize, Option<Vec<f32>>, Vec<f32>, usize);

fn malformed(line: usize, message: impl Into<String>) -> ModelFileError {
    ModelFileError::Malformed {
        line,
        message: message.into(),
    }
}

impl RoutingModel {
    /// Trains both heads on `examples`, all of dimension `dim` (others are skipped): the
    /// hand-off head on every one, the field head on those with a field. None when there is
    /// nothing to learn from (a head with a single class).
    pub fn train(
        encoder: &str,
        dim: usize,
        examples: &[Labelled],
        options: TrainOptions,
    ) -> Option<RoutingModel> {
        let examples: Vec<&Labelled> = examples.iter().filter(|e| e.vector.len() == dim).collect();
        if examples.is_empty() || dim == 0 {
            return None;
        }
        let n = examples.len() as f32;
        let mut mean = vec![0.0f32; dim];
        for e in &examples {
            mean.iter_mut().zip(e.vector).for_each(|(m, x)| *m += x / n);
        }
        let scale = (dim as f32).sqrt();
        let inputs: Vec<Vec<f32>> = examples
            .iter()
            .map(|e| {
                e.vector
                    .iter()
                    .zip(&mean)
                    .map(|(x, m)| (x - m) * scale)
                    .collect()
            })
            .collect();
        let handoff_labels: Vec<usize> = examples.iter().map(|e| e.handoff as usize).collect();
        let (category_inputs, category_labels): (Vec<Vec<f32>>, Vec<usize>) = examples
            .iter()
            .zip(&inputs)
            .filter_map(|(e, x)| {
                let c = e.category?;
                let at = CATEGORIES
                    .iter()
                    .position(|k| *k == c)
                    .expect("every category is one the model knows");
                Some((x.clone(), at))
            })
            .unzip();
        let distinct = |labels: &[usize]| labels.iter().any(|l| *l != labels[0]);
        if !distinct(&handoff_labels) || category_labels.is_empty() || !distinct(&category_labels) {
            return None;
        }
        Some(RoutingModel {
            encoder: encoder.to_string(),
            dim,
            mean,
            handoff: fit(&inputs, &handoff_labels, 2, options),
            category: fit(
                &category_inputs,
                &category_labels,
                CATEGORIES.len(),
                options,
            ),
        })
    }

    /// Trains on every example of `store` and on `answered` (vectors of factual questions the
    /// bot answers): what `shien routing train` ships and each evaluation fold rebuilds.
    pub fn train_on(
        encoder: &str,
        store: &ExampleStore,
        answered: &[impl AsRef<[f32]>],
        options: TrainOptions,
    ) -> Option<RoutingModel> {
        let training: Vec<Labelled> = store
            .labelled()
            .map(|(v, l)| Labelled::example(v, l))
            .chain(answered.iter().map(|v| Labelled::answered(v.as_ref())))
            .collect();
        RoutingModel::train(encoder, store.dim(), &training, options)
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The model's reading of one message's vector; None when the vector is of another size.
    pub fn vote(&self, vector: &[f32]) -> Option<ModelVote> {
        if vector.len() != self.dim {
            return None;
        }
        let scale = (self.dim as f32).sqrt();
        let x: Vec<f32> = vector
            .iter()
            .zip(&self.mean)
            .map(|(v, m)| (v - m) * scale)
            .collect();
        let handoff = self.handoff.probabilities(&x)[1];
        let category = self.category.probabilities(&x);
        let (best, p) =
            category
                .iter()
                .enumerate()
                .fold((0, f32::NEG_INFINITY), |(bi, bp), (i, &p)| {
                    if p > bp { (i, p) } else { (bi, bp) }
                });
        Some(ModelVote {
            handoff,
            category: (CATEGORIES[best], p),
        })
    }

    /// The weights file: a header, the mean, then each head's bias and one line of weights per
    /// class. Numbers are written to six decimals, the same on every machine that trains it.
    pub fn to_file(&self) -> String {
        let row = |values: &[f32]| {
            values
                .iter()
                .map(|v| format!("{v:.6}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut out = String::new();
        out.push_str(
            "# shien routing model: two softmax heads over the sentence encoder's vectors\n",
        );
        out.push_str("# written by `shien routing train`; do not edit by hand\n");
        out.push_str(&format!("encoder {}\n", self.encoder));
        out.push_str(&format!("dim {}\n", self.dim));
        out.push_str(&format!("mean {}\n", row(&self.mean)));
        for (name, head) in [("handoff", &self.handoff), ("category", &self.category)] {
            out.push_str(&format!("head {name} {}\n", head.classes()));
            out.push_str(&format!("bias {}\n", row(&head.bias)));
            for w in head.weights.chunks_exact(self.dim) {
                out.push_str(&format!("w {}\n", row(w)));
            }
        }
        out
    }

    pub fn parse(file: &str) -> Result<RoutingModel, ModelFileError> {
        let mut encoder = None;
        let mut dim = None;
        let mut mean = None;
        let mut heads: Vec<HeadRead> = Vec::new();
        for (n, line) in file.lines().enumerate() {
            let line_no = n + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
            let numbers = || -> Result<Vec<f32>, ModelFileError> {
                rest.split_whitespace()
                    .map(|v| {
                        v.parse::<f32>()
                            .ok()
                            .filter(|x| x.is_finite())
                            .ok_or_else(|| malformed(line_no, format!("not a number: {v}")))
                    })
                    .collect()
            };
            let want_dim = |values: &[f32]| match dim {
                Some(d) if values.len() == d => Ok(()),
                Some(d) => Err(malformed(
                    line_no,
                    format!("{} numbers where dim is {d}", values.len()),
                )),
                None => Err(malformed(line_no, "`dim` must come first")),
            };
            match key {
                "encoder" => encoder = Some(rest.trim().to_string()),
                "dim" => {
                    let d: usize = rest
                        .trim()
                        .parse()
                        .map_err(|_| malformed(line_no, format!("not a size: {rest}")))?;
                    if d == 0 {
                        return Err(malformed(line_no, "dim is zero"));
                    }
                    dim = Some(d);
                }
                "mean" => {
                    let values = numbers()?;
                    want_dim(&values)?;
                    mean = Some(values);
                }
                "head" => {
                    let mut parts = rest.split_whitespace();
                    let name = parts.next().unwrap_or_default().to_string();
                    let classes: usize = parts
                        .next()
                        .and_then(|c| c.parse().ok())
                        .ok_or_else(|| malformed(line_no, "expected `head NAME CLASSES`"))?;
                    heads.push((name, classes, None, Vec::new(), line_no));
                }
                "bias" | "w" => {
                    let values = numbers()?;
                    let Some(head) = heads.last_mut() else {
                        return Err(malformed(line_no, format!("`{key}` before any `head`")));
                    };
                    if key == "bias" {
                        if values.len() != head.1 {
                            return Err(malformed(line_no, "one bias per class expected"));
                        }
                        head.2 = Some(values);
                    } else {
                        want_dim(&values)?;
                        head.3.extend(values);
                    }
                }
                other => return Err(malformed(line_no, format!("unknown key `{other}`"))),
            }
        }
        let end = file.lines().count();
        let encoder = encoder.ok_or_else(|| malformed(end, "no `encoder` line"))?;
        let dim = dim.ok_or_else(|| malformed(end, "no `dim` line"))?;
        let mean = mean.ok_or_else(|| malformed(end, "no `mean` line"))?;
        let mut take = |name: &str, classes: usize| -> Result<Head, ModelFileError> {
            let i = heads
                .iter()
                .position(|h| h.0 == name)
                .ok_or_else(|| malformed(end, format!("no `head {name}`")))?;
            let (_, c, bias, weights, at) = heads.remove(i);
            if c != classes {
                return Err(malformed(
                    at,
                    format!("head {name} needs {classes} classes"),
                ));
            }
            let bias = bias.ok_or_else(|| malformed(at, format!("head {name} has no bias")))?;
            if weights.len() != classes * dim {
                return Err(malformed(
                    at,
                    format!("head {name} needs {classes} weight lines"),
                ));
            }
            Ok(Head { weights, bias })
        };
        let handoff = take("handoff", 2)?;
        let category = take("category", CATEGORIES.len())?;
        Ok(RoutingModel {
            encoder,
            dim,
            mean,
            handoff,
            category,
        })
    }
}

/// Multinomial logistic regression by gradient descent with momentum.
fn fit(inputs: &[Vec<f32>], labels: &[usize], classes: usize, options: TrainOptions) -> Head {
    let dim = inputs[0].len();
    let n = inputs.len() as f32;
    let mut head = Head::zeros(classes, dim);
    let mut velocity = Head::zeros(classes, dim);
    let mut grad = Head::zeros(classes, dim);
    for _ in 0..options.iterations {
        grad.weights.iter_mut().for_each(|g| *g = 0.0);
        grad.bias.iter_mut().for_each(|g| *g = 0.0);
        for (x, &y) in inputs.iter().zip(labels) {
            let p = head.probabilities(x);
            for (c, pc) in p.iter().enumerate() {
                let err = (pc - if c == y { 1.0 } else { 0.0 }) / n;
                grad.bias[c] += err;
                grad.weights[c * dim..(c + 1) * dim]
                    .iter_mut()
                    .zip(x)
                    .for_each(|(g, xi)| *g += err * xi);
            }
        }
        for ((v, w), g) in velocity
            .weights
            .iter_mut()
            .zip(head.weights.iter_mut())
            .zip(&grad.weights)
        {
            *v = 0.9 * *v - options.step * (g + options.l2 * *w);
            *w += *v;
        }
        for ((v, b), g) in velocity
            .bias
            .iter_mut()
            .zip(head.bias.iter_mut())
            .zip(&grad.bias)
        {
            *v = 0.9 * *v - options.step * g;
            *b += *v;
        }
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::consultants::ConsultCategory;

    fn label(handoff: bool, category: HandoffCategory) -> ExampleLabel {
        ExampleLabel {
            handoff,
            reason: None,
            category: Some(category),
        }
    }

    const LABOUR: HandoffCategory = HandoffCategory::Consult(ConsultCategory::Labour);
    const TAX: HandoffCategory = HandoffCategory::Consult(ConsultCategory::Tax);

    /// Two clusters in four dimensions: labour hand-offs near one axis, answered tax
    /// questions near another.
    fn clusters() -> Vec<(Vec<f32>, ExampleLabel)> {
        let mut out = Vec::new();
        for i in 0..6 {
            let e = i as f32 * 0.05;
            out.push((vec![1.0, e, 0.1, 0.0], label(true, LABOUR)));
            out.push((vec![e, 1.0, 0.0, 0.1], label(false, TAX)));
        }
        out
    }

    fn trained() -> RoutingModel {
        let data = clusters();
        let pairs: Vec<Labelled> = data.iter().map(|(v, l)| Labelled::example(v, l)).collect();
        RoutingModel::train("test-encoder", 4, &pairs, TrainOptions::default()).unwrap()
    }

    #[test]
    fn a_vector_near_a_cluster_takes_its_decision_and_field() {
        let m = trained();
        let labour = m.vote(&[0.9, 0.1, 0.1, 0.0]).unwrap();
        assert!(labour.handoff > 0.8, "{labour:?}");
        assert_eq!(labour.category.0, LABOUR);
        let tax = m.vote(&[0.1, 0.9, 0.0, 0.1]).unwrap();
        assert!(tax.handoff < 0.2, "{tax:?}");
        assert_eq!(tax.category.0, TAX);
    }

    #[test]
    fn answered_questions_without_a_field_teach_only_the_handoff_head() {
        let data = clusters();
        let answered = [0.7f32, 0.0, 0.0, 0.7];
        let mut pairs: Vec<Labelled> = data.iter().map(|(v, l)| Labelled::example(v, l)).collect();
        let without = RoutingModel::train("e", 4, &pairs, TrainOptions::default()).unwrap();
        pairs.extend(std::iter::repeat_n(Labelled::answered(&answered), 12));
        let with = RoutingModel::train("e", 4, &pairs, TrainOptions::default()).unwrap();
        let (a, b) = (
            without.vote(&answered).unwrap(),
            with.vote(&answered).unwrap(),
        );
        assert!(b.handoff < a.handoff && b.handoff < 0.2, "{a:?} {b:?}");
    }

    #[test]
    fn a_vector_of_another_size_gets_no_vote() {
        assert_eq!(trained().vote(&[1.0, 0.0]), None);
    }

    #[test]
    fn one_class_only_trains_nothing() {
        let data = [(vec![1.0, 0.0], label(true, LABOUR))];
        let pairs: Vec<Labelled> = data.iter().map(|(v, l)| Labelled::example(v, l)).collect();
        assert_eq!(
            RoutingModel::train("e", 2, &pairs, TrainOptions::default()),
            None
        );
    }

    #[test]
    fn the_file_reads_back_to_the_same_votes() {
        let m = trained();
        let file = m.to_file();
        let back = RoutingModel::parse(&file).unwrap();
        assert_eq!(back.encoder, "test-encoder");
        assert_eq!(back.to_file(), file);
        for v in [[0.9, 0.1, 0.1, 0.0], [0.2, 0.8, 0.0, 0.1]] {
            let (a, b) = (m.vote(&v).unwrap(), back.vote(&v).unwrap());
            assert_eq!(a.category.0, b.category.0);
            assert!((a.handoff - b.handoff).abs() < 1e-4);
        }
    }

    #[test]
    fn training_twice_writes_the_same_file() {
        assert_eq!(trained().to_file(), trained().to_file());
    }

    #[test]
    fn a_broken_file_names_its_line() {
        let file = trained().to_file();
        let broken = file.replacen("mean ", "mean x ", 1);
        let err = RoutingModel::parse(&broken).unwrap_err().to_string();
        assert!(
            err.contains("line 5") && err.contains("not a number"),
            "{err}"
        );
        let short = file.lines().take(8).collect::<Vec<_>>().join("\n");
        assert!(
            RoutingModel::parse(&short)
                .unwrap_err()
                .to_string()
                .contains("weight lines"),
        );
    }
}

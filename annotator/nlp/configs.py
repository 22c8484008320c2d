"""spaCy training configs written beside the exported corpora.

Each runs from its own folder with no overrides (`python -m spacy train config.cfg`); paths are
relative to that folder. The main config fine-tunes the base model's NER (with its own copy of the
shared tok2vec, so the base model's tagger and parser, which packaging takes unchanged, keep their
accuracy) and adds a span finder + span categorizer for quotes. Without a base model, NER is
trained from scratch.
"""

from __future__ import annotations

from .quote_candidates import CANDIDATES_PER_TOKEN, MIN_CANDIDATES

# Docs per batch when spaCy scores the held-out Docs during training. The span categorizer reads
# every token of every candidate of a batch at once (up to 0.25 x 1,200 candidates of up to 120
# tokens per Doc): with 32 Docs, 100 held-out articles took training from about 410 MB to 690 MB;
# with 8, 420 MB and the same time. The classifiers' Docs are single quotes: 32 is cheap there.
MAIN_EVAL_BATCH = 8
TEXTCAT_EVAL_BATCH = 32

_TRAINING = """
[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
max_length = 0
gold_preproc = false
limit = 0

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
max_length = 0
gold_preproc = false
limit = 0

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${{system.seed}}
gpu_allocator = ${{system.gpu_allocator}}
dropout = 0.1
accumulate_gradient = 1
patience = 1600
max_epochs = 0
max_steps = {max_steps}
eval_frequency = {eval_frequency}
frozen_components = {frozen}
annotating_components = {annotating}
before_to_disk = null
before_update = null

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001
t = 0.0

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = false
eps = 0.00000001
learn_rate = 0.001

[training.score_weights]
{score_weights}

[pretraining]

[initialize]
vectors = ${{paths.vectors}}
init_tok2vec = ${{paths.init_tok2vec}}
vocab_data = null
lookups = null
before_init = null
after_init = null

[initialize.components]

[initialize.tokenizer]
"""

_HEADER = """
[paths]
train = "train.spacy"
dev = "dev.spacy"
vectors = null
init_tok2vec = null

[system]
gpu_allocator = null
seed = 0

[nlp]
lang = "en"
pipeline = {pipeline}
batch_size = {batch_size}
disabled = []
before_creation = null
after_creation = null
after_pipeline_creation = null
tokenizer = {{"@tokenizers":"spacy.Tokenizer.v1"}}
vectors = {{"@vectors":"spacy.Vectors.v1"}}
"""


def _tok2vec(path: str, width: int = 96) -> str:
    return f"""
[{path}]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = {width}
depth = 4
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true
"""


def _quote_components() -> str:
    # The span finder proposes quote boundaries (quotes run to 110 tokens, too long for n-gram
    # suggesters); the span categorizer labels them with the quote kind. spaCy's own span finder
    # would propose every pair up to max_length apart while it is untrained (see quote_candidates):
    # ours keeps the best-scored pairs, at most candidates_per_token per token of the Doc.
    return f"""
[components.span_finder]
factory = "annotator_span_finder"
spans_key = "quotes"
threshold = 0.3
max_length = 120
min_length = 1
candidates_per_token = {CANDIDATES_PER_TOKEN}
min_candidates = {MIN_CANDIDATES}
scorer = {{"@scorers":"spacy.span_finder_scorer.v1"}}

[components.span_finder.model]
@architectures = "spacy.SpanFinder.v1"

[components.span_finder.model.scorer]
@layers = "spacy.LinearLogistic.v1"
nO = 2
{_tok2vec("components.span_finder.model.tok2vec")}
[components.spancat]
factory = "spancat"
spans_key = "quotes"
max_positive = 1
threshold = 0.5
scorer = {{"@scorers":"spacy.spancat_scorer.v1"}}

[components.spancat.suggester]
@misc = "spacy.preset_spans_suggester.v1"
spans_key = "quotes"

[components.spancat.model]
@architectures = "spacy.SpanCategorizer.v1"

[components.spancat.model.reducer]
@layers = "spacy.mean_max_reducer.v1"
hidden_size = 128

[components.spancat.model.scorer]
@layers = "spacy.LinearLogistic.v1"
nO = null
nI = null
{_tok2vec("components.spancat.model.tok2vec")}"""


def main_config(base_model: str | None, entity_labels: list[str], quote_kinds: list[str],
                max_steps: int = 2000, eval_frequency: int = 200, quotes: bool = True) -> str:
    """Without `quotes` (no reviewed quote to learn from) the span finder and categorizer are left
    out: spaCy cannot initialize a span categorizer without labels."""
    if base_model:
        # Only what learns is trained: the base model's tok2vec, tagger, parser, attribute ruler and
        # lemmatizer would stay as they are (frozen) and only cost time in every evaluation, so
        # packaging takes them from the base model (`training.package`). replace_listeners gives
        # NER its own copy of the base model's tok2vec (the copy is made in the loaded base model,
        # so the tok2vec itself need not be in this pipeline).
        pipeline = ["ner"]
        comps = f'\n[components]\n\n[components.ner]\nsource = "{base_model}"\nreplace_listeners = ["model.tok2vec"]\n'
        frozen = []
    else:
        pipeline = ["ner"]
        comps = """
[components]

[components.ner]
factory = "ner"
incorrect_spans_key = null
moves = null
scorer = {"@scorers":"spacy.ner_scorer.v1"}
update_with_oracle_cut_size = 100

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null
""" + _tok2vec("components.ner.model.tok2vec")
        frozen = []
    weights = 'ents_f = 1.0\nents_p = 0.0\nents_r = 0.0\nents_per_type = null'
    if quotes:
        pipeline += ["span_finder", "spancat"]
        comps += _quote_components()
        weights = 'ents_f = 0.5\nents_p = 0.0\nents_r = 0.0\nents_per_type = null\nspans_quotes_f = 0.5\n' \
                  'spans_quotes_p = 0.0\nspans_quotes_r = 0.0\nspan_finder_quotes_f = 0.0\n' \
                  'span_finder_quotes_p = 0.0\nspan_finder_quotes_r = 0.0'
    return _HEADER.format(pipeline=_list(pipeline), batch_size=MAIN_EVAL_BATCH) + comps + _TRAINING.format(
        max_steps=max_steps, eval_frequency=eval_frequency, frozen=_list(frozen),
        annotating=_list(["span_finder"] if quotes else []), score_weights=weights)


def textcat_config(exclusive: bool, max_steps: int = 1000, eval_frequency: int = 100,
                   base_model: str | None = None) -> str:
    """Quote-level classifier: stance (one label of several) or claims (claim type + CHECKWORTHY).

    With a base model, the classifier's token vectors come from the base model's tok2vec, fine-tuned
    with it: a few dozen reviewed quotes are then enough to start from, and spaCy's `debug data`
    treats the run as training a pretrained pipeline (small data is a warning, not an error)."""
    factory = "textcat" if exclusive else "textcat_multilabel"
    comps = f"""
[components]

[components.{factory}]
factory = "{factory}"
threshold = 0.5
scorer = {{"@scorers":"spacy.{factory}_scorer.v2"}}

[components.{factory}.model]
@architectures = "spacy.TextCatEnsemble.v2"
nO = null

[components.{factory}.model.linear_model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = {str(exclusive).lower()}
length = 262144
ngram_size = 2
no_output_layer = false
nO = null

"""
    pipeline = [factory]
    if base_model:
        pipeline = ["tok2vec", factory]
        comps += f"""
[components.{factory}.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {base_tok2vec_width(base_model)}
upstream = "tok2vec"

[components.tok2vec]
source = "{base_model}"
"""
    else:
        comps += f"""
[components.{factory}.model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[components.{factory}.model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 64
rows = [2000, 2000, 500, 1000, 500]
attrs = ["NORM", "LOWER", "PREFIX", "SUFFIX", "SHAPE"]
include_static_vectors = false

[components.{factory}.model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 64
window_size = 1
maxout_pieces = 3
depth = 2
"""
    weights = "cats_score = 1.0\ncats_score_desc = null\ncats_micro_p = null\ncats_micro_r = null\n" \
                  "cats_micro_f = null\ncats_macro_p = null\ncats_macro_r = null\ncats_macro_f = null\n" \
                  "cats_macro_auc = null\ncats_f_per_type = null"
    return _HEADER.format(pipeline=_list(pipeline), batch_size=TEXTCAT_EVAL_BATCH) + comps + _TRAINING.format(
        max_steps=max_steps, eval_frequency=eval_frequency, frozen="[]", annotating="[]", score_weights=weights)


def base_tok2vec_width(base_model: str) -> int:
    """The width of the base model's shared tok2vec, read from its config (96 for en_core_web_sm)."""
    import spacy

    try:
        path = spacy.util.get_package_path(base_model)
        cfgs = sorted(path.glob("*/config.cfg")) or sorted(path.glob("config.cfg"))
        cfg = spacy.util.load_config(cfgs[0])
        return int(cfg["components"]["tok2vec"]["model"]["encode"]["width"])
    except Exception:  # a base model laid out differently: the width every spaCy v3 small model has
        return 96


def _list(items: list[str]) -> str:
    return "[" + ",".join(f'"{i}"' for i in items) + "]"

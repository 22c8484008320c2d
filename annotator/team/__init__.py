"""A team annotates one corpus: assign batches, merge, measure agreement, adjudicate.

Annotators work offline, each on an ordinary project file of their own (the app and the CLI open
it unchanged); the unit of exchange is that file, never a shared file on a network drive. The
pieces, each in its own module:

- `assign`: the team project deals its articles out in rounds; each annotator's file holds their
  batch (scheme, persons, model suggestions) and, in its settings, the team project's id, the
  annotator's name and the round (`TEAM_ID`, `ANNOTATOR`, `ROUND`).
- `merge`: an annotator's reviewed work comes back as *their layer* (`layer_*` tables keyed by
  annotator, article and item, plus each annotator's article status), apart from the main tables.
  Articles are matched by content hash, persons by canonical name and aliases.
- `units` and `agreement`: quotes of several annotators aligned into units (the quality
  benchmark's word-overlap rule), Krippendorff's alpha and Cohen's kappa per field, span and
  entity F1.
- `adjudicate`: decisions are undoable operations that write the main tables, which in a team
  project are the *gold layer*; every other code path (document view, exports, pre-annotation)
  keeps reading them.
- `selection`: what exports and training read: gold where it exists, else the single
  annotator's work, never a silent mix.
- `stats`: the figures a lead reads at a glance (progress, labels, agreement, speed).
"""

# Settings keys. In the team project: TEAM_ID. In an annotator's file: all three.
TEAM_ID = "team_id"
ANNOTATOR = "team_annotator"
ROUND = "team_round"
TEAM_NAME = "team_project"  # the team project's file name, for people reading the settings

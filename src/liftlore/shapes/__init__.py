"""The JSON shape of every entity liftlore hands out, declared once as Pydantic models.

The API, every `--json` output and the training log's JSON export build their JSON from these models (each has a
`from_domain` classmethod), and the OpenAPI schema is generated from them, so an exercise, a set or a workout looks
the same wherever it appears. The package imports only the domain, the errors and Pydantic: every layer can use it.

- `base`: the common configuration (unknown fields refused) and how times are written.
- `library`: exercises (list item and whole record), muscle groups, equipment, drills, and the API's envelopes.
- `training`: sets, workouts, history lines, personal records, e1RM points, and the log's envelopes.
- `export`: the training log export document, which is the shared models plus what a restore needs.
- `errors`: the JSON body of an error.
"""

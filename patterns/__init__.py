"""Rules as data: installed as `pipeline.patterns`; read them with `pipeline.resources.load_pattern`."""

// YAMLKit module.

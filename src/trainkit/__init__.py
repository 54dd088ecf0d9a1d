"""trainkit: training curricula as YAML → validated curriculum, site, SCORM packages, documents."""
__version__ = "0.1.0"

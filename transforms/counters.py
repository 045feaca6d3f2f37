"""Namespaces of newsbeam's Beam counters: the run summary (pipelines.summary) reads each one by
its namespace, so no counter name has to be decoded."""
STAGES = "newsbeam"                   # '<stage>.<what>': records, rejected, files read ... per stage
REJECTS = "newsbeam.rejects"          # '<stage>:<reason>': rejects written
DUPLICATES = "newsbeam.duplicates"    # method: exact, near, containment
PARTITIONS = "newsbeam.partitions"    # 'date=YYYY-MM-DD/category=SLUG': articles written per partition
RELATIONS = "newsbeam.relations"      # kind: containment
ALL = (STAGES, REJECTS, DUPLICATES, PARTITIONS, RELATIONS)

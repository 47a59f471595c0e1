"""``python -m newsdigest.spark --input 'warc/*.warc.gz' --output out/``."""

import sys

from newsdigest.spark.job import main

sys.exit(main())

import sys

from relazione.cli.main import main

sys.exit(main())

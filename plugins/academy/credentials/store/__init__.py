"""What is kept on disk: the ledger, issuing runs, learners' attempts, atomic files, and the ledger's check."""

/* cred_files: implementation pending (being written in this change). */

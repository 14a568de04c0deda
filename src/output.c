/* output: implementation pending (being written in this change). */

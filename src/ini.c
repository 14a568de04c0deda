/* ini: implementation pending (being written in this change). */

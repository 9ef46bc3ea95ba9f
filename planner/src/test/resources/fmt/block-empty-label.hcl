thing "" {}

package dev.lockstep.planner.hcl.lexer;

/** The kinds of token in HCL's native syntax, including the template tokens of strings and heredocs. */
public enum TokenType {
    OBRACE("'{'"), CBRACE("'}'"), OBRACK("'['"), CBRACK("']'"), OPAREN("'('"), CPAREN("')'"),
    COMMA("','"), DOT("'.'"), ELLIPSIS("'...'"), COLON("':'"), QUESTION("'?'"), EQUAL("'='"), FAT_ARROW("'=>'"),
    PLUS("'+'"), MINUS("'-'"), STAR("'*'"), SLASH("'/'"), PERCENT("'%'"),
    EQUAL_EQUAL("'=='"), NOT_EQUAL("'!='"), LESS("'<'"), GREATER("'>'"), LESS_EQUAL("'<='"), GREATER_EQUAL("'>='"),
    AND("'&&'"), OR("'||'"), BANG("'!'"),
    IDENT("identifier"), NUMBER("number"),
    /** Opening {@code "} of a quoted template. */
    OQUOTE("'\"'"),
    /** Closing {@code "} of a quoted template. */
    CQUOTE("'\"'"),
    /** {@code <<EOT} or {@code <<-EOT} including the newline after it. */
    OHEREDOC("heredoc"),
    /** The line closing a heredoc, with its marker. */
    CHEREDOC("end of heredoc"),
    /** Literal text inside a quoted template, escapes not yet processed. */
    QUOTED_LIT("string"),
    /** Literal text inside a heredoc. */
    STRING_LIT("string"),
    /** {@code ${} or {@code ${~} opening an interpolation. */
    TEMPLATE_INTERP("'${'"),
    /** {@code %{} or {@code %{~} opening a template directive. */
    TEMPLATE_CONTROL("'%{'"),
    /** {@code }} or {@code ~}} closing an interpolation or directive. */
    TEMPLATE_SEQ_END("'}'"),
    NEWLINE("newline"),
    /** A comment, only from a lexer made with {@link Lexer#keepingComments}; the parser never sees one. */
    COMMENT("comment"),
    /** A character or sequence that is not valid; a diagnostic has already been reported. */
    INVALID("invalid character"),
    EOF("end of file");

    private final String display;

    TokenType(String display) {
        this.display = display;
    }

    /** How the token is named in messages, such as {@code '{'} or {@code identifier}. */
    public String display() {
        return display;
    }
}

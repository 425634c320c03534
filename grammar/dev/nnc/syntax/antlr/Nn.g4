/*
 * The .nn language. The grammar is deliberately generic about layer kinds,
 * activations, losses and optimizers: every one of them is an identifier here,
 * and the checker resolves names (so an unknown name gets "did you mean" instead
 * of a syntax error). Newlines end statements, except inside ( ) and [ ], where a
 * literal or an argument list may span several lines.
 */
grammar Nn;

@lexer::members {
    /** Depth of open ( and [; newlines inside them are insignificant. */
    private int nesting = 0;
    private void open() { nesting++; }
    private void close() { if (nesting > 0) nesting--; }
}

file
    : NL* model NL* EOF
    ;

model
    : MODEL name=ID LBRACE NL* (statement (NL+ statement)*)? NL* RBRACE
    ;

statement
    : INPUT name=ID? shape=list                                     # inputStatement
    | LOSS kind=ID arguments?                                       # lossStatement
    | OPTIMIZER kind=ID arguments?                                  # optimizerStatement
    | TRAIN arguments?                                              # trainStatement
    | kind=ID layerTail? (NL* literal)*                             # layerStatement
    ;

/**
 * What may follow a layer kind. Written so that every choice is made on one token:
 * `kind name? arguments? activation?` would be ambiguous (is `h1(...)` in `dense h1(...)`
 * a name with arguments or an activation?), and ANTLR would then scan whole argument
 * lists to decide, reporting errors inside them at the wrong place.
 */
layerTail
    : name=ID arguments? activation?
    | arguments activation?
    ;

activation
    : kind=ID arguments?
    ;

/** `weights [[..]]` or `bias [..]` after a layer. */
literal
    : which=(WEIGHTS | BIAS) tensor=list
    ;

arguments
    : LPAREN (argument (COMMA argument)* COMMA?)? RPAREN
    ;

argument
    : name=argName COLON value                                      # namedArgument
    | from=expr ARROW to=expr                                       # arrowArgument
    | value                                                         # positionalArgument
    ;

argName
    : ID | BIAS | WEIGHTS | INPUT | LOSS | OPTIMIZER | TRAIN | MODEL
    ;

value
    : expr                                                          # exprValue
    | list                                                          # listValue
    | name=ID arguments                                             # callValue
    | name=ID                                                       # nameValue
    ;

list
    : LBRACK (value (COMMA value)* COMMA?)? RBRACK
    ;

expr
    : op=(MINUS | PLUS) expr                                        # unaryExpr
    | left=expr op=(STAR | SLASH) right=expr                        # mulExpr
    | left=expr op=(PLUS | MINUS) right=expr                        # addExpr
    | LPAREN expr RPAREN                                            # parenExpr
    | NUMBER                                                        # numberExpr
    ;

MODEL     : 'model';
INPUT     : 'input';
LOSS      : 'loss';
OPTIMIZER : 'optimizer';
TRAIN     : 'train';
WEIGHTS   : 'weights';
BIAS      : 'bias';

LBRACE : '{';
RBRACE : '}';
LPAREN : '(' { open(); };
RPAREN : ')' { close(); };
LBRACK : '[' { open(); };
RBRACK : ']' { close(); };
COMMA  : ',';
COLON  : ':';
ARROW  : '->' | '→';
STAR   : '*' | '×';
SLASH  : '/';
PLUS   : '+';
MINUS  : '-';

NUMBER
    : DIGITS ('.' DIGITS?)? EXPONENT?
    | '.' DIGITS EXPONENT?
    ;
fragment DIGITS   : [0-9] ('_'? [0-9])*;
fragment EXPONENT : [eE] [+-]? [0-9]+;

ID : [a-zA-Z_] [a-zA-Z_0-9]*;

NL : '\r'? '\n' { if (nesting > 0) skip(); };
WS : [ \t\f]+ -> skip;  // a lone \r is an error: taking it for a space would join lines
COMMENT : ('#' | '//') ~[\r\n]* -> skip;
/** Hidden rather than skipped, so that an unclosed one can be reported. Never backtracks. */
BLOCK_COMMENT : '/*' .*? ('*/' | EOF) -> channel(HIDDEN);

/** Quotes are not part of the language; one token gives one error with a fix. */
STRING : '"' ~["\r\n]* '"'? | '\'' ~['\r\n]* '\''?;

/** A name with non-ASCII letters, lexed as one token so that it gets one clear error. */
BAD_NAME : [\p{L}_] [\p{L}\p{M}\p{N}_]*;

/** Anything else is one bad character; the parser turns it into a located error. */
UNKNOWN_CHAR : . ;

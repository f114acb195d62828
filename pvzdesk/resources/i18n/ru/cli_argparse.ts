<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>pvzdesk</name>
    <message>
      <source>usage: </source>
      <translation>использование: </translation>
    </message>
    <message>
      <source>positional arguments</source>
      <translation>команды и аргументы</translation>
    </message>
    <message>
      <source>options</source>
      <translation>параметры</translation>
    </message>
    <message>
      <source>show this help message and exit</source>
      <translation>показать эту справку и выйти</translation>
    </message>
    <message>
      <source>%(prog)s: error: %(message)s
</source>
      <translation>%(prog)s: ошибка: %(message)s
</translation>
    </message>
    <message>
      <source>the following arguments are required: %s</source>
      <translation>не хватает аргументов: %s</translation>
    </message>
    <message>
      <source>unrecognized arguments: %s</source>
      <translation>непонятные аргументы: %s</translation>
    </message>
    <message>
      <source>invalid choice: %(value)r (choose from %(choices)s)</source>
      <translation>нет такого варианта: %(value)r (можно: %(choices)s)</translation>
    </message>
    <message>
      <source>argument %(argument_name)s: %(message)s</source>
      <translation>аргумент %(argument_name)s: %(message)s</translation>
    </message>
    <message>
      <source>invalid %(type)s value: %(value)r</source>
      <translation>неверное значение (%(type)s): %(value)r</translation>
    </message>
    <message>
      <source>expected one argument</source>
      <translation>нужно одно значение</translation>
    </message>
    <message>
      <source>expected at most one argument</source>
      <translation>нужно не больше одного значения</translation>
    </message>
    <message>
      <source>expected at least one argument</source>
      <translation>нужно хотя бы одно значение</translation>
    </message>
    <message>
      <source>ambiguous option: %(option)s could match %(matches)s</source>
      <translation>неоднозначный параметр: %(option)s может означать %(matches)s</translation>
    </message>
    <message>
      <source>not allowed with argument %s</source>
      <translation>нельзя вместе с %s</translation>
    </message>
    <message>
      <source>one of the arguments %s is required</source>
      <translation>нужен один из аргументов %s</translation>
    </message>
    <message>
      <source>ignored explicit argument %r</source>
      <translation>лишнее значение %r</translation>
    </message>
    <message>
      <source>COMMAND</source>
      <translation>КОМАНДА</translation>
    </message>
    <message>
      <source>TEXT</source>
      <translation>ТЕКСТ</translation>
    </message>
    <message>
      <source>FILE</source>
      <translation>ФАЙЛ</translation>
    </message>
    <message>
      <source>list, or done CODE...</source>
      <translation>list — показать, done КОД... — отметить введённое</translation>
    </message>
  </context>
</TS>

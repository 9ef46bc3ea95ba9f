# spaces after   
a = 1 // tabs after		
